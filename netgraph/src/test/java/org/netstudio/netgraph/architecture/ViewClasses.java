package org.netstudio.netgraph.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.List;

/**
 * For the architecture tests of the modules with views (inspector, trainer): which classes are
 * views, by the name of their outermost class, so that nested classes belong to their outer class.
 */
public final class ViewClasses {

    private ViewClasses() {
    }

    /** The classes whose outermost class's simple name ends in one of {@code suffixes}. */
    public static DescribedPredicate<JavaClass> endingIn(List<String> suffixes) {
        return new DescribedPredicate<>("views") {
            @Override
            public boolean test(JavaClass c) {
                JavaClass outer = c;
                while (outer.getEnclosingClass().isPresent()) {
                    outer = outer.getEnclosingClass().get();
                }
                String name = outer.getSimpleName();
                return suffixes.stream().anyMatch(name::endsWith);
            }
        };
    }
}
