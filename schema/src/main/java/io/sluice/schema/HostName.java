package io.sluice.schema;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The name of the host this process runs on: {@code HOSTNAME} (a Kubernetes pod's name, which a restarted container
 * keeps) or else the one the system resolves for itself.
 */
public final class HostName
{
    private HostName() {}

    public static String current()
    {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(name -> !name.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            }
            catch (UnknownHostException e) {
                return "localhost";
            }
        });
    }
}
