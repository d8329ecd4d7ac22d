"""What the funding app stores."""
