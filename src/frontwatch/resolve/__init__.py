"""Resolve: places (gazetteer), people and bodies (actors, sides), and time."""
