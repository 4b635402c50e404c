package io.scouter.archive.catalog.hotstore.embedded;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides which operating-system account runs initdb, pg_ctl and postgres.
 *
 * <p>Why: PostgreSQL refuses to run as root. A JVM running as a normal user starts the tools
 * directly; a JVM running as root prefixes every command with
 * {@code setpriv --reuid=65534 --regid=65534 --clear-groups} ({@code nobody}), hands the
 * directories the server writes to over to uid/gid 65534, and checks up front that uid 65534 can
 * reach the binaries and socket directories, because PostgreSQL's own error for that is cryptic.
 * The data directory needs no such check: the tools start inside it (see
 * {@code PostgresServerControl}), so it may sit below a private directory such as {@code /root}.
 */
final class ServerProcessUser {

  /** The uid and gid of {@code nobody}, used for the server when the JVM is root. */
  static final int UNPRIVILEGED_ID = 65534;

  private final long jvmUid;
  private final String setpriv;

  private ServerProcessUser(long jvmUid, String setpriv) {
    this.jvmUid = jvmUid;
    this.setpriv = setpriv;
  }

  /** The policy for this JVM: switch to uid 65534 if and only if the JVM runs as root. */
  static ServerProcessUser forCurrentJvm() {
    long uid = jvmUid();
    if (uid != 0) {
      return new ServerProcessUser(uid, null);
    }
    String setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv")
        .filter(candidate -> Files.isExecutable(Path.of(candidate)))
        .findFirst()
        .orElseThrow(() -> EmbeddedPostgresException.cannotStart("the JVM runs as root and"
            + " PostgreSQL refuses to run as root, but setpriv (util-linux) was not found"
            + " to run it as uid " + UNPRIVILEGED_ID + "; install util-linux or run the"
            + " JVM as a normal user"));
    return new ServerProcessUser(uid, setpriv);
  }

  /** The uid of this JVM process. */
  static long jvmUid() {
    return new UnixSystem().getUid();
  }

  /** Whether the server runs under uid 65534 instead of the JVM's own user. */
  boolean switchesUser() {
    return setpriv != null;
  }

  /** The uid the server processes run as. */
  long serverUid() {
    return switchesUser() ? UNPRIVILEGED_ID : jvmUid;
  }

  /** {@code command}, prefixed with setpriv when the server user differs from the JVM's. */
  List<String> command(List<String> command) {
    if (!switchesUser()) {
      return List.copyOf(command);
    }
    List<String> wrapped = new ArrayList<>(List.of(setpriv, "--reuid=" + UNPRIVILEGED_ID,
        "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives {@code path} (not recursively) to the server user, when that is not the JVM's. */
  void takeOwnership(Path path) throws IOException {
    if (switchesUser()) {
      Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /**
   * Fails with a clear message if the server user cannot traverse every existing directory from
   * {@code /} down to the parent of {@code directory} (and {@code directory} itself if
   * {@code inclusive}). Only needed when switching users: a normal user can reach what it
   * created. ACLs are not evaluated, only the owner/group/other bits.
   */
  void checkReachable(Path directory, String role, boolean inclusive) throws IOException {
    if (!switchesUser()) {
      return;
    }
    List<Path> chain = new ArrayList<>();
    Path last = inclusive ? directory.toAbsolutePath() : directory.toAbsolutePath().getParent();
    for (Path path = last; path != null; path = path.getParent()) {
      chain.add(0, path);
    }
    for (Path current : chain) {
      if (!Files.isDirectory(current)) {
        return; // not created yet: creating it will report its own error
      }
      int uid = (Integer) Files.getAttribute(current, "unix:uid");
      int gid = (Integer) Files.getAttribute(current, "unix:gid");
      int mode = (Integer) Files.getAttribute(current, "unix:mode");
      int searchBit = uid == UNPRIVILEGED_ID ? 0100 : gid == UNPRIVILEGED_ID ? 0010 : 0001;
      if ((mode & searchBit) == 0) {
        throw EmbeddedPostgresException.cannotStart(String.format("the JVM runs as root, so"
            + " PostgreSQL runs as uid %d, which cannot enter %s (mode %o, owner uid %d)"
            + " on the way to the %s %s; choose a %s under a directory that every user"
            + " can traverse (e.g. /var/lib/scouter or /tmp), or make %s traversable"
            + " (chmod o+x)", UNPRIVILEGED_ID, current, mode & 07777, uid, role,
            directory, role, current));
      }
    }
  }
}
