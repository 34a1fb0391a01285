"""Command-line tools beside the app: they use the domain and the store, and are no part of either."""
