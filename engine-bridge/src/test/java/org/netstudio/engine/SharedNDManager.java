package org.netstudio.engine;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.netstudio.engine.device.DjlSetup;

/**
 * One native array manager for a test class (register it as a static {@code @RegisterExtension}
 * field): opened, offline, before the class's first test and closed after its last. Each test
 * takes a {@link #newSubManager()} of its own, so its arrays are freed when it ends.
 */
public final class SharedNDManager implements BeforeAllCallback, AfterAllCallback {

    private NDManager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        DjlSetup.beforeEngineLoads();
        manager = NDManager.newBaseManager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        manager.close();
    }

    /** A manager for one test's arrays; close it when the test is done. */
    public NDManager newSubManager() {
        return manager.newSubManager();
    }
}
