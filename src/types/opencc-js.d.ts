// opencc-js ships types for its entry points only; these are its dictionary modules (see its exports "./*").
declare module 'opencc-js/from/tw' {
  import type { DictGroup } from 'opencc-js/core';

  const groups: DictGroup[];
  export default groups;
}
declare module 'opencc-js/to/cn' {
  import type { DictGroup } from 'opencc-js/core';

  const groups: DictGroup[];
  export default groups;
}
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  const dict: string;
  export default dict;
}
