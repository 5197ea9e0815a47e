"""Publishing: connectors per platform, text limits, and the publish job."""
