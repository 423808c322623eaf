package dev.daylight.collector.fleet;

import dev.daylight.collector.store.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The node facts a page of server rows shows: read once per page, for its nodes only. */
final class Nodes {
  private static final int CHUNK = 500;

  private Nodes() {}

  /** Host name, OS and owner of the given nodes, by id. */
  static Map<String, FleetAnswers.NodeFacts> byId(Connection c, List<String> ids)
      throws SQLException {
    Map<String, FleetAnswers.NodeFacts> nodes = new HashMap<>();
    for (int i = 0; i < ids.size(); i += CHUNK) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
      for (FleetAnswers.NodeFacts n :
          Rows.list(
              c,
              FleetAnswers.NodeFacts.class,
              "SELECT node_id AS \"nodeId\", hostname AS \"hostname\","
                  + " owner AS \"owner\", os AS \"os\" FROM nodes WHERE node_id IN ("
                  + String.join(",", Collections.nCopies(chunk.size(), "?"))
                  + ")",
              chunk.toArray())) {
        nodes.put(n.nodeId(), n);
      }
    }
    return nodes;
  }

  /** A row's node: the account whose home holds the server is its owner, else the device's. */
  static FleetAnswers.NodeFacts of(
      Map<String, FleetAnswers.NodeFacts> nodes, String nodeId, String osUser) {
    FleetAnswers.NodeFacts n = nodes.get(nodeId);
    return new FleetAnswers.NodeFacts(
        nodeId,
        n == null ? null : n.hostname(),
        osUser != null ? osUser : n == null ? null : n.owner(),
        n == null ? null : n.os());
  }
}
