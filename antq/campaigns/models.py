"""What the campaigns app stores."""
