"""Operations: serving, the command line, migrations, backups, health and the demo."""
