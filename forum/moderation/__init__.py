"""The moderation pipeline and its rules: words, spam patterns, the toxicity scorer, flags, the log."""
