package dev.teto.data.postgres.internal.mapping;

import org.jdbi.v3.core.statement.SqlStatement;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Binds a record's components as the named parameters of the same (camelCase) names. JSON objects go as text for
 * {@code CAST(:x AS jsonb)}, lists as SQL arrays; a null value keeps its component's type, which PostgreSQL needs
 * to type a parameter that appears only in {@code COALESCE(:x, column)}. A component that is itself a record is
 * bound component by component, beside the outer record's.
 */
public final class RecordParameters {
    private static final ClassValue<List<Parameter>> BY_TYPE = new ClassValue<>() {
        @Override
        protected List<Parameter> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(Parameter::of).toList();
        }
    };

    private RecordParameters() {
    }

    /** @param values null binds nothing */
    public static <S extends SqlStatement<S>> S bind(S statement, Record values) {
        if (values != null) {
            bind(statement, values.getClass(), values);
        }
        return statement;
    }

    private static void bind(SqlStatement<?> statement, Class<?> type, Object values) {
        for (Parameter p : BY_TYPE.get(type)) {
            Object value = values == null ? null : p.valueOf(values);
            if (p.erasure().isRecord()) {
                bind(statement, p.erasure(), value);
            } else if (p.erasure() == Map.class) {
                statement.bindByType(p.name(), Json.write(p.name(), cast(value)), String.class);
            } else if (p.erasure() == List.class) {
                Class<?> element = (Class<?>) ((ParameterizedType) p.type()).getActualTypeArguments()[0];
                Object array = value == null ? null
                        : ((List<?>) value).toArray(n -> (Object[]) Array.newInstance(element, n));
                statement.bindByType(p.name(), array, element.arrayType());
            } else {
                statement.bindByType(p.name(), value, p.type());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    private record Parameter(String name, Type type, Class<?> erasure, Method accessor) {
        static Parameter of(RecordComponent component) {
            return new Parameter(component.getName(), component.getGenericType(), component.getType(),
                    component.getAccessor());
        }

        Object valueOf(Object values) {
            try {
                return accessor.invoke(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + values.getClass().getName(), e);
            }
        }
    }
}
