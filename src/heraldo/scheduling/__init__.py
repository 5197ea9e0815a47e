"""Scheduling: one-off and recurring schedules, posting queues, bulk scheduling, retries, reconciliation."""
