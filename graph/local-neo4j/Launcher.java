import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.neo4j.string.UTF8;

/**
 * An embedded Neo4j Community DBMS whose only way in is a Bolt connector, so neo4j-driver talks to it exactly as it
 * would to a standalone server. Started and owned by graph/local-server.ts.
 *
 * <p>Options, each as "--name value" or as the system property "localneo4j.name": host (127.0.0.1), port (7687),
 * data (required; also holds logs/debug.log), pagecache (256m).
 *
 * <p>Authentication is on. The password of the "neo4j" user comes from the environment variable
 * CYBERKORT_NEO4J_PASSWORD, never from the command line, which every local user can read in ps. It only takes effect
 * when the data folder has no system database yet; after that the system database holds the credentials.
 *
 * <p>stdout carries exactly one line, "NEO4J_READY bolt://host:port", once the default database accepts queries.
 * The process shuts the DBMS down cleanly on SIGTERM/SIGINT and also when its stdin reaches EOF, so a parent that dies
 * without cleaning up never leaves an orphan server holding the port and the store lock.
 */
public final class Launcher {
  private static final long AVAILABILITY_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);
  private static final String PASSWORD_ENV = "CYBERKORT_NEO4J_PASSWORD";

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

  private static void run(String[] args) throws Exception {
    String host = option(args, "host", "127.0.0.1");
    int port = Integer.parseInt(option(args, "port", "7687"));
    String data = option(args, "data", null);
    if (data == null) {
      throw new IllegalArgumentException("--data <directory> is required");
    }
    long pageCache = SettingValueParsers.BYTES.parse(option(args, "pagecache", "256m"));
    String password = System.getenv(PASSWORD_ENV);
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException(PASSWORD_ENV + " must hold the password of the neo4j user");
    }
    Path home = Path.of(data).toAbsolutePath();
    setInitialPasswordOfNewStore(Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build(), password);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        // neo4j:// routing tables hand this address out, so it must be the one we listen on.
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        // Loopback is not private: every user of the machine can reach the connector.
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
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

  /**
   * Does what "neo4j-admin dbms set-initial-password" does: an auth.ini that the DBMS reads once, when it creates the
   * system database, for the neo4j user's credential. Writing it before that first start means the default
   * neo4j/neo4j login never exists, not even for a moment. Later starts ignore the file, so it is left alone then.
   */
  private static void setInitialPasswordOfNewStore(Config config, String password) throws Exception {
    Path systemDatabase = Neo4jLayout.of(config)
        .databaseLayout(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
        .databaseDirectory();
    if (Files.exists(systemDatabase)) {
      return;
    }
    Path authFile = CommunitySecurityModule.getInitialUserRepositoryFile(config);
    try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
      fs.mkdirs(authFile.getParent());
      // A leftover from a first start that never got as far as creating the system database.
      if (fs.fileExists(authFile)) {
        fs.deleteFile(authFile);
      }
      FileUserRepository users =
          new FileUserRepository(fs, authFile, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
      users.start();
      try {
        users.create(new User(
            AuthManager.INITIAL_USER_NAME,
            null,
            SystemGraphCredential.createCredentialForPassword(UTF8.encode(password), new SecureHasher()),
            false,
            false));
      } finally {
        users.shutdown();
      }
    }
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
