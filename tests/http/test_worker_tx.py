# tests/http/test_worker_tx.py — a job whose handler's transaction fails has the failure recorded on
# that job, never on another one that the worker happened to claim in its place.
import subprocess
import time
import uuid


def _wait(h, query, *params, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = h.sql_value(query, *params)
        if v not in (None, "0", "f"):
            return v
        time.sleep(0.05)
    raise AssertionError("timed out waiting for: %s" % query)


def test_failed_transaction_is_recorded_on_the_same_job(h):
    u = uuid.uuid4().hex[:10]
    subject = "tx-fail-" + u
    kind = "test_unknown_" + u
    # the first attempt to mark this mail fails the handler's transaction, slowly
    h.sql("CREATE SEQUENCE test_txfail_seq_%s" % u)
    h.sql("CREATE FUNCTION test_txfail_%s() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
          " IF NEW.subject = '%s' AND nextval('test_txfail_seq_%s') = 1 THEN"
          "  PERFORM pg_sleep(1.5); RAISE EXCEPTION 'test: mark refused'; END IF;"
          " RETURN NEW; END $f$" % (u, subject, u))
    h.sql("CREATE TRIGGER test_txfail_%s BEFORE UPDATE ON mails FOR EACH ROW"
          " EXECUTE FUNCTION test_txfail_%s()" % (u, u))
    locker = None
    try:
        h.sql("INSERT INTO mails (to_address, subject, body_text) VALUES ('tx@example.test', $1, 'b')", subject)
        mail_id = h.sql_value("SELECT id FROM mails WHERE subject = $1", subject)
        job_a = h.sql_value("INSERT INTO jobs (kind, payload) VALUES "
                            "('send_mail', json_build_object('mail_id', $1::bigint)) RETURNING id", mail_id)
        # the worker is inside the handler (the trigger sleeps) and holds job A
        _wait(h, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
                 " AND query LIKE '%UPDATE mails%'")
        # someone else waits for job A: it gets it the moment the worker rolls back
        locker = subprocess.Popen(
            [h.psql, "-X", "-q", "-d", h.env["DATABASE_URL"]], stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, env=h.env)
        locker.stdin.write("BEGIN; SELECT id FROM jobs WHERE id = %d FOR UPDATE;"
                           " SELECT pg_sleep(3); COMMIT;\n" % int(job_a))
        locker.stdin.close()
        _wait(h, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                 " AND query LIKE '%%FROM jobs WHERE id = %d FOR UPDATE%%'" % int(job_a))
        # another due job, queued while the worker is busy with A
        job_b = h.sql_value("INSERT INTO jobs (kind, payload, max_attempts) VALUES ($1, '{}', 1)"
                            " RETURNING id", kind)
        _wait(h, "SELECT attempts > 0 FROM jobs WHERE id = $1::bigint", job_b)
        row = h.sql("SELECT status, last_error FROM jobs WHERE id = $1::bigint", job_b)[0]
        # B really ran (its kind is unknown); it did not inherit A's database error
        assert row[1] and row[1].startswith("unknown job kind"), row
        locker.wait(timeout=15)
        locker = None
        # A is retried once the other holder lets go, and then succeeds
        h.sql("UPDATE jobs SET run_at = now() WHERE id = $1::bigint AND status = 'queued'", job_a)
        h.sql("NOTIFY cxms_jobs")
        _wait(h, "SELECT status = 'done' FROM jobs WHERE id = $1::bigint", job_a, timeout=15)
    finally:
        if locker is not None:
            locker.kill()
            locker.wait()
        h.sql("DROP TRIGGER IF EXISTS test_txfail_%s ON mails" % u)
        h.sql("DROP FUNCTION IF EXISTS test_txfail_%s()" % u)
        h.sql("DROP SEQUENCE IF EXISTS test_txfail_seq_%s" % u)
