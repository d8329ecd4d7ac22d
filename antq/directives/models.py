"""What the directives app stores."""
