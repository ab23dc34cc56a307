-- Issue 13, item 6: the wrap-up can ask for a call back. It schedules a "Call" activity on the
-- record the note went to, for the agent, due that day. See docs/worker.md, "Follow-up calls".

-- The call back a wrap-up asks for: the day (YYYY-MM-DD, the agent's date) and an optional note
-- for the activity. Part of the wrap-up: a new version replaces it until the wrap-up is in Odoo.
ALTER TABLE wrap_ups ADD COLUMN follow_up_date TEXT;
ALTER TABLE wrap_ups ADD COLUMN follow_up_note TEXT;

-- The activity scheduled for it: NULL (not yet), 'claimed' (an attempt started the write: the
-- next one looks for it in Odoo before writing), 'done' (follow_up_activity_id), 'none' (not
-- scheduled: follow_up_error says why).
ALTER TABLE calls ADD COLUMN follow_up_state TEXT CHECK (follow_up_state IN ('claimed', 'done', 'none'));
ALTER TABLE calls ADD COLUMN follow_up_activity_id INTEGER;
ALTER TABLE calls ADD COLUMN follow_up_error TEXT;
