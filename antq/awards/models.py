"""What the awards app stores."""
