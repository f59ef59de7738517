"""The core every capability builds on: pure geometry and geodesy, the workshop's rules, props, shared facts,
events, identities, tokens, languages and strict JSON."""
