"""What the tips app stores."""
