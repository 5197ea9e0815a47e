"""Analytics: metric snapshots, aggregates in SQL, best times, insights, ROI, exports and weekly reports."""
