package net.iotgw.gateway.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import net.iotgw.gateway.config.GatewayConfig;
import net.iotgw.gateway.node.Gateway;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gateway run --config FILE}: a real deployment. The file is read over the defaults
 * (reference.conf), checked ({@link GatewayConfig}), and the actor system runs until SIGTERM or
 * SIGINT, which Pekko's coordinated shutdown turns into an orderly stop (streams end, the TUN and
 * the serial port are released, captures are flushed).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the border router: TUN <-> 6LoWPAN <-> radio dongle (serial or tcp:HOST:PORT).")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  /** Exit code for a configuration that cannot be read or checked. */
  static final int BAD_CONFIG = 2;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "HOCON file overriding the defaults (see config/gateway.conf)")
  Path config;

  @Override
  public Integer call() {
    Config all;
    GatewayConfig gateway;
    try {
      Config file =
          ConfigFactory.parseFile(
              config.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      all = GatewayConfig.load(file);
      gateway = GatewayConfig.from(all);
    } catch (ConfigException e) {
      log.error("configuration {} rejected: {}", config, e.getMessage());
      return BAD_CONFIG;
    }
    log.info(
        "config loaded from {}: CD prefix {}, TUN {}, radio {}",
        config,
        gateway.cdPrefix(),
        gateway.ucn().tun(),
        gateway.radio().device());
    ActorSystem<Void> system = ActorSystem.create(Gateway.create(gateway), "iotgw", all);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind(),
            "log-shutdown",
            () -> {
              log.info(
                  "shutting down ({})",
                  CoordinatedShutdown.get(system).getShutdownReason().map(Object::toString)
                      .orElse("unknown reason"));
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    system.getWhenTerminated().toCompletableFuture().join();
    log.info("stopped");
    return 0;
  }
}
