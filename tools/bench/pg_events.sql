-- server_bench.sh's PostgreSQL peer of POST /v1/events: the events table a
-- careful team would write for single-event appends (peers.sh's schema
-- without the per-stream version, which concurrent appenders would have to
-- read and lock first; jejak assigns versions and also checks them).
CREATE TABLE events (
  position bigserial PRIMARY KEY,        -- the global position
  stream text NOT NULL,                  -- "emp/<NIP>"
  event_id text NOT NULL UNIQUE,         -- idempotency
  recorded_at timestamptz NOT NULL DEFAULT now(),
  body jsonb NOT NULL);                  -- the event as submitted
CREATE INDEX events_stream ON events (stream, position);
