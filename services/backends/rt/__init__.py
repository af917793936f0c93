"""Request Tracker 5 (REST2) connector."""

from services.backends.rt.connector import RTConnector

__all__ = ["RTConnector"]
