"""What the forces app stores."""
