"""Dashboard shell: layout, navigation, login, shared template rendering."""
