/** How text from files is shown in messages, and how close two names are; depends on nothing else in netgraph. */
package org.netstudio.netgraph.text;
