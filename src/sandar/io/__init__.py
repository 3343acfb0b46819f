"""Reading input: files and streams into text, with clear errors for what cannot be read."""
