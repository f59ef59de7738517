"""The live workshop: sites, designs and their elements, facilitation, votes and comments, what each client sees,
results."""
