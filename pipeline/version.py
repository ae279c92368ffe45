"""Version of the extraction rules; bump it when extractors change output."""
EXTRACTOR_VERSION = "0.1.0"
