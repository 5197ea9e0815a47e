"""The inbox: every comment, reply, mention and direct message, analysed and answered in one place."""
