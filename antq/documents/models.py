"""What the documents app stores."""
