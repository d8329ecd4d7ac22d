"""What the models app stores."""
