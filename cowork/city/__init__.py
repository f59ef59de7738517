"""The city map: every published site and adopted project on one map, the cycle network and the city-wide figures."""
