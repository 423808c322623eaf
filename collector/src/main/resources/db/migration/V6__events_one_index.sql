-- Every event row paid for two index entries; the second, (node_id, at), only served one device's
-- timeline, which the primary key (node_id, event_id) finds as well and then sorts: a device has
-- thousands of events, not millions. Dropping it cut PostgreSQL's CPU a report by 12-21 % under
-- load (docs/PERFORMANCE.md, Collector).
DROP INDEX events_node_at;
