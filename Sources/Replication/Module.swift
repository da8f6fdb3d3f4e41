// Repository replication between directors.
