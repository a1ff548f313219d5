package dev.teto.data.mongo.internal.codec;

import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

import java.util.function.Function;

/**
 * A BSON codec for one record, written by hand: the record's fields are mapped to the seed's snake_case fields by
 * explicit functions (the {@code *Mapping} classes), through the driver's {@link Document} codec for the values, so
 * UUIDs keep the client's STANDARD representation. No reflection, no field-name conventions.
 */
final class RecordCodec<T> implements Codec<T> {
    private final Class<T> type;
    private final Codec<Document> documents;
    private final Function<Document, T> decode;
    private final Function<T, Document> encode;

    RecordCodec(Class<T> type, Codec<Document> documents, Function<Document, T> decode, Function<T, Document> encode) {
        this.type = type;
        this.documents = documents;
        this.decode = decode;
        this.encode = encode;
    }

    @Override
    public void encode(BsonWriter writer, T value, EncoderContext context) {
        documents.encode(writer, encode.apply(value), context);
    }

    @Override
    public T decode(BsonReader reader, DecoderContext context) {
        return decode.apply(documents.decode(reader, context));
    }

    @Override
    public Class<T> getEncoderClass() {
        return type;
    }
}
