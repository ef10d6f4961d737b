-- pgbench script of server_bench.sh: one event a transaction (autocommit),
-- as wrk_post.lua's single-event POST: a trainingCompleted of a random
-- stream with a new event id (a random UUID), the same JSON body.
\set n random(1, 999999)
INSERT INTO events (stream, event_id, body)
SELECT s, e, ('{"stream":"' || s || '","eventId":"' || e || '","effectiveDate":"2024-05-01",'
              '"source":{"decreeNumber":"T/1"},'
              '"payload":{"trainingCompleted":{"kind":"technical","name":"Kursus","jp":20}}}')::jsonb
FROM (SELECT 'emp/1975081720000' || lpad(:n::text, 6, '0') AS s, gen_random_uuid()::text AS e) AS v;
