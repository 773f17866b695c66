import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * An embedded Neo4j Community DBMS whose only way in is a Bolt connector, so neo4j-driver talks to it exactly as it
 * would to a standalone server. Started and owned by graph/local-server.ts.
 *
 * <p>Options, each as "--name value" or as the system property "localneo4j.name": host (127.0.0.1), port (7687),
 * data (required; also holds logs/debug.log), pagecache (256m).
 *
 * <p>stdout carries exactly one line, "NEO4J_READY bolt://host:port", once the default database accepts queries.
 * The process shuts the DBMS down cleanly on SIGTERM/SIGINT and also when its stdin reaches EOF, so a parent that dies
 * without cleaning up never leaves an orphan server holding the port and the store lock.
 */
public final class Launcher {
  private static final long AVAILABILITY_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace();
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      // Last, so that a parent keeping only the tail of stderr still learns why.
      System.err.println("NEO4J_FAILED " + cause);
      System.exit(1);
    }
  }

  private static void run(String[] args) {
    String host = option(args, "host", "127.0.0.1");
    int port = Integer.parseInt(option(args, "port", "7687"));
    String data = option(args, "data", null);
    if (data == null) {
      throw new IllegalArgumentException("--data <directory> is required");
    }
    long pageCache = SettingValueParsers.BYTES.parse(option(args, "pagecache", "256m"));

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(data).toAbsolutePath())
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        // neo4j:// routing tables hand this address out, so it must be the one we listen on.
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        // Only loopback can reach the connector, and the app still sends credentials, which are then ignored.
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(HttpConnector.enabled, false)
        // Usage reporting would contact Neo4j's servers; nothing here may phone home.
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Shares a small machine with the test suite: the default page cache would claim half the free RAM.
        .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
        // Bolt's event loops otherwise idle 5 s after the databases have already been closed, on every stop.
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
    exitWhenStdinCloses();

    if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(AVAILABILITY_TIMEOUT_MS)) {
      throw new IllegalStateException("default database not available after " + AVAILABILITY_TIMEOUT_MS + " ms");
    }
    System.out.println("NEO4J_READY bolt://" + host + ":" + port);
    System.out.flush();
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--" + name)) {
        return args[i + 1];
      }
    }
    return System.getProperty("localneo4j." + name, fallback);
  }

  private static void exitWhenStdinCloses() {
    Thread watcher = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() != -1) {
          // Input carries no meaning; only its end does.
        }
      } catch (IOException ignored) {
        // A broken pipe means the parent is gone just as surely as EOF does.
      }
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
