/**
 * Text for pretrained transformers: {@link org.netstudio.engine.text.WordPieceTokenizer} turns
 * text into BERT token ids as HuggingFace's tokenizer.json describes, and {@link
 * org.netstudio.engine.text.SentenceEncoder} runs the all-MiniLM-L6-v2 sentence encoder (an ONNX
 * model, through ONNX Runtime) to turn sentences into unit vectors whose dot products are their
 * cosine similarities. Nothing here holds DJL arrays; the encoder owns one native ONNX Runtime
 * session, released by closing it.
 */
package org.netstudio.engine.text;
