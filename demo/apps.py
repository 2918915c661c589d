from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for a first run (``manage.py seed_demo``). Nothing imports this app."""

    name = "demo"
    verbose_name = "Demo"
