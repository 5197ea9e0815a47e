"""What every domain uses: settings, database, security, job dispatch, clock, errors, pagination."""
