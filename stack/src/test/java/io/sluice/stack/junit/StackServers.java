package io.sluice.stack.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The servers a test class needs from the local stack, e.g. {@code @StackServers({"kafka", "s3"})}. They are
 * started before the class's tests (once per test JVM, shared with other classes); a {@code StackStatus}
 * parameter gives their endpoints.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(LocalStackExtension.class)
public @interface StackServers {
    /** Server names: kafka, s3, clickhouse, trino. */
    String[] value();
}
