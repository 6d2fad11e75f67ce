"""marsad: news articles into analytic tables of actors, events and claims."""

__version__ = "0.1.0"
