"""Domain of the mine-clearance dashboard: pure Python, no Streamlit."""
