"""Streamlit glue shared by the pages: caching, sidebar, access control."""
