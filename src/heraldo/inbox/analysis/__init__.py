"""Text analysis for the inbox: language, sentiment, intent, keywords and priority."""
