/**
 * Text for pretrained transformers: {@link org.netstudio.engine.text.SubwordTokenizer} turns text
 * into token ids as any Hugging Face tokenizer.json describes (WordPiece, BPE, Unigram), through
 * Hugging Face's own tokenizers library (DJL's {@code ai.djl.huggingface:tokenizers}, natives in
 * its jar, offline), and {@link org.netstudio.engine.text.SentenceEncoder} runs the all-MiniLM-L6-v2
 * sentence encoder (an ONNX model, through ONNX Runtime) to turn sentences into unit vectors whose
 * dot products are their cosine similarities. Nothing here holds DJL arrays; the encoder owns one
 * native ONNX Runtime session, released by closing it.
 */
package org.netstudio.engine.text;
