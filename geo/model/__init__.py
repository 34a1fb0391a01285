"""The ground floor: each kind of stored row declared once (`kinds`), and the tables that hold
a snapshot of them (`tables`). Nothing here imports from the rest of the app's layers above the
row models."""
