"""Batch ingestion: format readers (ingest.formats) and the batch runner."""
