import { JSDOM } from 'jsdom';
const dom = new JSDOM('');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
console.log(Object.keys(mermaid), Object.keys(mermaid.mermaidAPI));
const text = `---
config:
  layout: elk
---
flowchart LR
  subgraph s_A ["A #quot;x#quot; end #59; #124; #60;img#62;"]
    n_a["end"]
    n_b[("db: #35;1 end")]
    n_c{{"gw"}}
    n_d[/"lb"\\]
    n_e[\\"cdn"/]
    n_f>"topic"]
    n_g[/"queue"/]
    n_h[\\"cache"\\]
    n_i(("search"))
    n_j((("coord")))
    n_k(["client"])
    n_l[["broker"]]
  end
  subgraph s_empty ["empty"]
  end
  n_a -->|"grpc #124; end"| n_b
  n_a -.->|"publishes"| n_c
  n_a ==>|"writes"| n_d
  n_a --> n_e
  classDef kind_service fill:#e3f2fd,stroke:#1565c0;
  class n_a,n_b kind_service
  linkStyle 0 stroke:#c62828,stroke-width:2px
`;
console.log(await mermaid.parse(text));
const d = await mermaid.mermaidAPI.getDiagramFromText(text);
const db = d.db;
console.log(Object.keys(Object.getPrototypeOf(db)).slice(0,80));
console.log([...db.getVertices().values()].map(v=>[v.id,v.text,v.type]), db.getEdges().map(e=>[e.start,e.end,e.text,e.stroke,e.type]), db.getSubGraphs().map(s=>[s.id,s.title,s.nodes]));
