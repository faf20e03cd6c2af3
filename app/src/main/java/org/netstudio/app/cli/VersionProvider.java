package org.netstudio.app.cli;

import org.netstudio.app.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code netstudio --version}: the application's version and the Java it runs on. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"NetStudio " + Version.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
