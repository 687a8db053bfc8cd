import { describe, expect, it } from 'vitest';
import { readPersonnelParagraph, readPersonnelStatement } from './personnel.js';

describe('readPersonnelStatement', () => {
  it('should read an appointment with probation and a removal in one sentence', () => {
    expect(
      readPersonnelStatement('倪平同志任区公安局海防大队教导员，试用期一年，免去其区公安局副局长职务；', false),
    ).toEqual([
      {
        person: '倪平',
        action: 'appoint',
        mode: null,
        post: '区公安局海防大队教导员',
        posts: ['区公安局海防大队教导员'],
        probation: '试用期一年',
        note: null,
      },
      {
        person: '倪平',
        action: 'remove',
        mode: null,
        post: '区公安局副局长',
        posts: ['区公安局副局长'],
        probation: null,
        note: null,
      },
    ]);
  });

  it('should give one action per person and keep the mode', () => {
    const actions = readPersonnelStatement('孙晓钧、袁天明同志挂任区政府办公室副主任；', false)!;
    expect(actions.map((a) => [a.person, a.mode])).toEqual([
      ['孙晓钧', '挂任'],
      ['袁天明', '挂任'],
    ]);
  });

  it('should keep a secondment note out of the post', () => {
    expect(
      readPersonnelStatement('陆剑峰同志任区发改委副主任（挂职，2022年5月起至2022年10月止）；', false)![0],
    ).toMatchObject({
      post: '区发改委副主任',
      note: '挂职，2022年5月起至2022年10月止',
    });
  });

  it('should split two posts joined by 、 only when both end in a post word', () => {
    expect(readPersonnelStatement('免去江新忠同志区公安局副局长、开发区派出所所长职务', false)![0]!.posts).toEqual([
      '区公安局副局长',
      '开发区派出所所长',
    ]);
  });

  it('should read bare names only when asked (provincial notices without 同志)', () => {
    expect(readPersonnelStatement('袁红林任江西财经大学副校长(试用期一年)；', false)).toBeNull();
    expect(readPersonnelStatement('袁红林任江西财经大学副校长(试用期一年)；', true)![0]).toMatchObject({
      person: '袁红林',
      post: '江西财经大学副校长',
      probation: '试用期一年',
    });
  });

  it('should read 不再担任 as a removal', () => {
    expect(readPersonnelStatement('王某同志不再担任区统计局局长职务。', false)![0]).toMatchObject({
      action: 'remove',
      mode: '不再担任',
      post: '区统计局局长',
    });
  });

  it('should not read other sentences', () => {
    expect(readPersonnelStatement('经研究，决定：', false)).toBeNull();
    expect(readPersonnelStatement('办公室主任由施泉同志兼任。', false)).toBeNull();
  });

  it('should read the verb-first forms of the State Council and of assemblies, a note after a name kept out of it', () => {
    const read = (text: string) =>
      readPersonnelStatement(text, false)?.map((a) => [a.person, a.action, a.mode, a.post]);
    expect(read('任命赵明远为国家发展和改革委员会副主任，钱佳慧（女）为教育部副部长')).toEqual([
      ['赵明远', 'appoint', null, '国家发展和改革委员会副主任'],
      ['钱佳慧', 'appoint', null, '教育部副部长'],
    ]);
    expect(read('免去孙立新的水利部副部长职务，周海波的国家统计局总统计师职务')).toEqual([
      ['孙立新', 'remove', null, '水利部副部长'],
      ['周海波', 'remove', null, '国家统计局总统计师'],
    ]);
    expect(read('增补吴德华为县政协委员')).toEqual([['吴德华', 'appoint', '增补', '县政协委员']]);
    expect(read('聘任林一鸣为县人民政府参事')).toEqual([['林一鸣', 'appoint', '聘任', '县人民政府参事']]);
    expect(readPersonnelStatement('王某不再担任县统计局局长职务', false)).toBeNull();
  });
});

describe('readPersonnelParagraph', () => {
  it('should read the statements after an introduction, one sentence at a time', () => {
    const actions = readPersonnelParagraph(
      '国务院任免国家工作人员。任命赵明远为水利部副部长；免去孙立新的水利部副部长职务。',
      false,
    );
    expect(actions?.map((a) => [a.person, a.action])).toEqual([
      ['赵明远', 'appoint'],
      ['孙立新', 'remove'],
    ]);
  });

  it('should read nothing when other sentences follow the statements, or none is a statement', () => {
    expect(readPersonnelParagraph('任命赵明远为水利部副部长。会议还研究了其他事项。', false)).toBeNull();
    expect(readPersonnelParagraph('领导小组下设办公室，胡某同志兼任办公室主任。', false)).toBeNull();
  });
});
