"""The demo workspace: a small helpdesk inside the app, behind the same Connector interface as the others."""

from services.backends.demo.connector import DemoConnector

__all__ = ["DemoConnector"]
